package aekit.data;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/** Tablesaw tables to ND4J matrices and back: columns become features, rows become samples. */
public final class Tables {
    private Tables() {}

    /** The named numeric columns as a float matrix [rows, columns]; a missing value fails, naming the column. */
    public static INDArray toMatrix(Table table, String... columns) {
        if (columns.length == 0) throw new IllegalArgumentException("name at least one column of " + table.name());
        float[] values = new float[table.rowCount() * columns.length];
        for (int c = 0; c < columns.length; c++) {
            if (!table.columnNames().contains(columns[c])) {
                throw new IllegalArgumentException("table '" + table.name() + "' has no column '" + columns[c] + "'; it has " + table.columnNames());
            }
            NumericColumn<?> col = table.numberColumn(columns[c]);
            for (int r = 0; r < table.rowCount(); r++) {
                if (col.isMissing(r)) throw new IllegalArgumentException("column '" + columns[c] + "' has a missing value in row " + r);
                values[r * columns.length + c] = (float) col.getDouble(r);
            }
        }
        return Nd4j.create(values, new long[] {table.rowCount(), columns.length}, 'c');
    }

    /** A matrix back into a table with the given column names. */
    public static Table fromMatrix(String name, INDArray matrix, String... columns) {
        if (matrix.columns() != columns.length) {
            throw new IllegalArgumentException("matrix has " + matrix.columns() + " columns but " + columns.length + " names were given: " + Arrays.toString(columns));
        }
        Table t = Table.create(name);
        for (int c = 0; c < columns.length; c++) t.addColumns(DoubleColumn.create(columns[c], matrix.getColumn(c).toDoubleVector()));
        return t;
    }

    /** Shows every decimal column of {@code table} with {@code decimals} digits after the point (the numbers are kept whole). */
    public static Table rounded(Table table, int decimals) {
        for (tech.tablesaw.columns.Column<?> c : table.columns()) {
            if (c instanceof DoubleColumn d) d.setPrintFormatter(tech.tablesaw.columns.numbers.NumberColumnFormatter.fixedWithGrouping(decimals));
        }
        return table;
    }
}
