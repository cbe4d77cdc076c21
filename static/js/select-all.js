// A "select all" checkbox: <input type="checkbox" data-select-all="NAME"> checks or clears
// every checkbox named NAME on the page.
document.addEventListener("change", (event) => {
  const box = event.target;
  const name = box.dataset && box.dataset.selectAll;
  if (!name) return;
  for (const c of document.querySelectorAll(`input[type=checkbox][name="${CSS.escape(name)}"]`)) {
    c.checked = box.checked;
  }
});
