// The measure page of the 整改台账: 销号 and 重新打开 ask first (the form carries its question in
// data-confirm); a file over the size limit is named before anything is sent.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});

document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.dataset.maxBytes) return;
  const limit = Number(input.dataset.maxBytes);
  const tooLarge = Array.from(input.files || []).filter((file) => file.size > limit).map((file) => file.name);
  input.setCustomValidity(tooLarge.length ? `文件过大：${tooLarge.join("、")}（每个不超过 ${input.dataset.maxLabel}）` : "");
  input.reportValidity();
});
