package aekit.data;

/** A data file is missing or not what the kit shipped; the message says which, what was expected, and how to rebuild it. */
public final class DataFileException extends RuntimeException {
    public DataFileException(String message) {
        super(message);
    }

    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
