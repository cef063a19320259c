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

// Evidence files can take a while to send on an intranet: a form with files goes through XHR so the
// page shows how much is uploaded; the answer (the page again, with its message or the errors on the
// fields) then replaces this one, as a normal submit would. A network failure keeps the form and what
// was typed, and says so.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (event.defaultPrevented || !(form instanceof HTMLFormElement) || !window.FormData) return;
  const chosen = Array.from(form.querySelectorAll("input[type=file]")).some((input) => input.files && input.files.length);
  if (!chosen) return;
  event.preventDefault();
  const buttons = Array.from(form.querySelectorAll("button[type=submit], input[type=submit]"));
  const progress = document.createElement("div");
  progress.className = "progress mt-2";
  progress.setAttribute("role", "progressbar");
  progress.setAttribute("aria-label", "上传进度");
  progress.setAttribute("aria-valuemin", "0");
  progress.setAttribute("aria-valuemax", "100");
  const bar = document.createElement("div");
  bar.className = "progress-bar";
  progress.append(bar);
  const status = document.createElement("div");
  status.className = "small text-secondary mt-1";
  status.setAttribute("aria-live", "polite");
  const show = (percent, text) => {
    bar.style.width = `${percent}%`;
    progress.setAttribute("aria-valuenow", String(percent));
    status.textContent = text;
  };
  (buttons[buttons.length - 1] || form.lastElementChild).after(progress, status);
  buttons.forEach((button) => { button.disabled = true; });
  show(0, "正在上传佐证材料…");

  const request = new XMLHttpRequest();
  request.open("POST", form.action || window.location.href);
  request.upload.addEventListener("progress", (progressEvent) => {
    if (!progressEvent.lengthComputable) return;
    const percent = Math.round((progressEvent.loaded / progressEvent.total) * 100);
    show(percent, `正在上传佐证材料… ${percent}%`);
  });
  request.upload.addEventListener("load", () => show(100, "上传完成，正在检查和保存…"));
  request.addEventListener("load", () => {
    const url = request.responseURL;
    document.open();
    document.write(request.responseText);
    document.close();
    if (url) window.history.replaceState(null, "", url);
  });
  request.addEventListener("error", () => {
    buttons.forEach((button) => { button.disabled = false; });
    progress.remove();
    status.className = "small text-danger mt-1";
    status.textContent = "上传失败：网络连接中断。填写的内容仍在，请稍后再点保存。";
  });
  request.send(new FormData(form));
});
