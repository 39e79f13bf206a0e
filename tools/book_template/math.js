// Typesets the math of a page with KaTeX once it has loaded: the book's pages and nbgrader's feedback pages alike.
// Outputs and code are left alone; a formula KaTeX cannot read is shown in red with its message, not dropped.
document.addEventListener("DOMContentLoaded", function () {
  renderMathInElement(document.body, {
    delimiters: [
      {left: "$$", right: "$$", display: true},
      {left: "\\[", right: "\\]", display: true},
      {left: "$", right: "$", display: false},
      {left: "\\(", right: "\\)", display: false}
    ],
    ignoredClasses: ["jp-OutputArea", "output_area", "highlight", "input_area"],
    throwOnError: false
  });
  document.body.dataset.mathRendered = "yes";
});
