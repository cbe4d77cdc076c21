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
  if (box.id === "select-all-findings" || box.name === "ids") {
    showSelectAll();
    selectMatching(false);
  }
});

// "Select all N matching this filter": offered (the page renders it when the filter matches
// more than the page) once every row of the page is ticked. Choosing it enables the inputs
// that send the filters instead of the ids; unticking a row or clearing goes back to the page.
function selectMatching(on) {
  const bar = document.getElementById("select-matching");
  if (!bar) return;
  const all = document.getElementById("select-all-findings");
  bar.hidden = !(all && all.checked);
  bar.querySelectorAll("input").forEach((input) => { input.disabled = !on; });
  document.getElementById("select-matching-page").hidden = on;
  document.getElementById("select-matching-button").hidden = on;
  document.getElementById("select-matching-all").hidden = !on;
  document.getElementById("select-matching-clear").hidden = !on;
}

document.addEventListener("click", (event) => {
  if (event.target.id === "select-matching-button") selectMatching(true);
  if (event.target.id === "select-matching-clear") {
    findingBoxes().forEach((row) => { row.checked = false; });
    showSelectAll();
    selectMatching(false);
  }
});
document.addEventListener("DOMContentLoaded", showSelectAll);
document.addEventListener("htmx:afterSwap", showSelectAll);

// Short URLs: the filter form's requests (and so the URLs htmx pushes) leave out empty fields
// and fields at their default value; the list reads them the same.
document.addEventListener("htmx:configRequest", (event) => {
  const form = event.detail.elt;
  if (!form || form.id !== "filter-form" || event.detail.verb !== "get") return;
  const defaults = JSON.parse(form.dataset.urlDefaults || "{}");
  const data = event.detail.formData;
  for (const name of new Set(data.keys())) {
    const kept = data.getAll(name).filter((value) => value !== "" && value !== defaults[name]);
    data.delete(name);
    kept.forEach((value) => data.append(name, value));
  }
});

// A filter dropdown's summary says what is chosen; the page renders it, and keeps it true
// while the filters change in place.
document.addEventListener("change", (event) => {
  const dropdown = event.target.closest("details.multi");
  if (!dropdown) return;
  // Each choice's first text: an account's name without its id, as the page renders it.
  const picked = [...dropdown.querySelectorAll("input:checked")].map(
    (box) => box.closest("label").querySelector("span").firstChild.textContent.trim(),
  );
  dropdown.querySelector(".picked").textContent = picked.length ? picked.join(", ") : "Any";
  let count = dropdown.querySelector("summary .count");
  if (!count && picked.length) {
    count = document.createElement("span");
    count.className = "count";
    dropdown.querySelector("summary").append(count);
  }
  if (count) count.textContent = picked.length || "";
  if (count && !picked.length) count.remove();
});

// Below 1280 px the filters sit above the table behind one button: closed at first, so the
// findings come first (the chips say which filters are set). Without this script they stay open.
document.addEventListener("DOMContentLoaded", () => {
  const panel = document.getElementById("filters-panel");
  if (panel && window.matchMedia("(max-width: 1279px)").matches) panel.open = false;
});

// The account filter's picker (shown instead of checkboxes when the user sees many accounts):
// typing asks findings:account_search; picking an account adds it as a ticked chip, named
// `account` like the checkboxes, and the list filters as for any change.
let accountSearchTimer;
document.addEventListener("input", (event) => {
  if (!event.target.matches(".account-picker input[type=search]")) return;
  clearTimeout(accountSearchTimer);
  accountSearchTimer = setTimeout(() => searchAccounts(event.target), 200);
});

async function searchAccounts(input) {
  const picker = input.closest(".account-picker");
  const list = picker.querySelector(".account-results");
  const typed = input.value.trim();
  if (!typed) {
    list.replaceChildren();
    list.hidden = true;
    return;
  }
  const url = `${picker.dataset.searchUrl}?q=${encodeURIComponent(typed)}`;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok || input.value.trim() !== typed) return; // failed, or typed on since
  const { results } = await response.json();
  const items = results.map((account) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.setAttribute("role", "option");
    button.dataset.id = account.id;
    button.dataset.name = account.name;
    button.textContent = account.name ? `${account.name} (${account.id})` : account.id;
    item.append(button);
    return item;
  });
  if (!items.length) {
    const none = document.createElement("li");
    none.className = "muted";
    none.textContent = "No account matches.";
    items.push(none);
  }
  list.replaceChildren(...items);
  list.hidden = false;
}

function pickAccount(option) {
  const picker = option.closest(".account-picker");
  const chosen = picker.querySelector(".picked-accounts");
  let box = [...chosen.querySelectorAll("input")].find((b) => b.value === option.dataset.id);
  if (!box) {
    const chip = document.createElement("label");
    chip.className = "chip";
    box = document.createElement("input");
    box.type = "checkbox";
    box.name = "account";
    box.value = option.dataset.id;
    const name = document.createElement("span");
    name.textContent = option.dataset.name || option.dataset.id;
    chip.append(box, " ", name);
    chosen.append(chip);
  }
  box.checked = true;
  const input = picker.querySelector("input[type=search]");
  input.value = "";
  picker.querySelector(".account-results").hidden = true;
  box.dispatchEvent(new Event("change", { bubbles: true })); // the form filters on change
  input.focus();
}

document.addEventListener("click", (event) => {
  const option = event.target.closest(".account-results button");
  if (option) pickAccount(option);
});

document.addEventListener("keydown", (event) => {
  // Enter in the search picks the first match rather than submitting the form.
  if (event.key !== "Enter" || !event.target.matches(".account-picker input[type=search]")) return;
  event.preventDefault();
  const first = event.target.closest(".account-picker").querySelector(".account-results button");
  if (first) pickAccount(first);
});

document.addEventListener("change", (event) => {
  const box = event.target;
  // The search box itself filters nothing: its changes are not the form's.
  if (box.matches(".account-picker input[type=search]")) event.stopPropagation();
  // An unticked chip goes (after the form has read the change).
  if (box.matches(".picked-accounts input") && !box.checked) {
    setTimeout(() => box.closest("label").remove(), 0);
  }
}, true);
