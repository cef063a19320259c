// 素材库 page: ask before a delete form is sent (the form carries its question in data-confirm).
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});
