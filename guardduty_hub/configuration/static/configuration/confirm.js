// A form with data-confirm="question" asks before it is sent (no inline handlers: CSP).
document.addEventListener("submit", (event) => {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
