// Add accounts by form: "Another row" appends a copy of the formset's empty row.
document.getElementById("add-row").addEventListener("click", () => {
  const total = document.getElementById("id_rows-TOTAL_FORMS");
  const n = Number(total.value);
  const html = document
    .getElementById("empty-row")
    .innerHTML.replaceAll("__prefix__", n)
    .replace("__n__", n + 1);
  document.querySelector("#rows tbody").insertAdjacentHTML("beforeend", html);
  total.value = n + 1;
});
