// The finding list's small helpers, without a library. The page works without them.

// Select all: the header box checks or clears every row of the page shown, and shows whether
// some or all rows are checked. Hidden without this script (it would do nothing).
function findingBoxes() {
  return document.querySelectorAll('#findings-results input[name="ids"]');
}

function showSelectAll() {
  const all = document.getElementById("select-all-findings");
  if (!all) return;
  all.hidden = false;
  const boxes = [...findingBoxes()];
  const checked = boxes.filter((box) => box.checked).length;
  all.checked = boxes.length > 0 && checked === boxes.length;
  all.indeterminate = checked > 0 && checked < boxes.length;
}

document.addEventListener("change", (event) => {
  const box = event.target;
  if (box.id === "select-all-findings") {
    findingBoxes().forEach((row) => { row.checked = box.checked; });
  }
  if (box.id === "select-all-findings" || box.name === "ids") showSelectAll();
});
document.addEventListener("DOMContentLoaded", showSelectAll);
document.addEventListener("htmx:afterSwap", showSelectAll);
