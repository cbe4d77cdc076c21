// A membership operation's page: poll the progress fragment until the operation finishes,
// then reload for the final state. Loaded only while the operation runs.
(function poll() {
  setTimeout(async () => {
    const response = await fetch("?partial=1", { headers: { "X-Requested-With": "fetch" } });
    const box = document.getElementById("operation-progress");
    box.innerHTML = await response.text();
    if (box.querySelector("[data-finished=false]")) poll();
    else location.reload();
  }, 1000);
})();
