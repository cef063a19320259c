/*
 * The 预览 step: after a change in the material settings the text view is fetched again, and the
 * 版面 tab draws the exported PDF page by page with pdf.js (pdfjs-dist from npm), so the drafter
 * sees where pages break and their numbers before downloading anything.
 */
(function () {
  "use strict";

  const body = document.querySelector("[data-preview-body]");
  const pages = document.querySelector("[data-pdf-pages]");
  const status = document.querySelector("[data-pages-status]");
  const tab = document.querySelector("[data-pages-tab]");
  if (!body || !pages) return;

  // A link to …/preview/#settings opens the material settings.
  const settings = document.getElementById("settings");
  if (settings && window.location.hash === "#settings") settings.open = true;

  let pagesStale = true;
  let refreshTimer = null;
  let drawing = null;

  // Every save on this page is a settings change: the text and (when shown) the pages follow.
  document.addEventListener("workspace:progress", () => {
    pagesStale = true;
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      refreshText();
      if (tab.classList.contains("active")) drawPages();
    }, 300);
  });

  function refreshText() {
    return window.Session.fetch(body.dataset.url, { headers: { Accept: "text/html" } })
      .then((response) => (response.ok ? response.text() : Promise.reject(response.status)))
      .then((html) => {
        body.innerHTML = html;
        body.dispatchEvent(new CustomEvent("preview:refreshed", { bubbles: true }));
      })
      .catch((status) => {
        // Expired: session.js says so; the text follows once the user is back.
        if (status === 401) window.Session.retryWhenBack(body, refreshText);
        else if (window.showToast) window.showToast("预览未能更新，请刷新页面。");
      });
  }

  tab.addEventListener("shown.bs.tab", () => {
    if (pagesStale) drawPages();
  });

  async function drawPages() {
    if (drawing) return drawing.then(() => pagesStale && drawPages());
    pagesStale = false;
    status.textContent = "正在按导出的 PDF 排版…";
    pages.setAttribute("aria-busy", "true");
    drawing = render()
      .catch((error) => {
        pagesStale = true;
        // 401: the session expired (session.js shows its notice); drawn again once the user is back.
        if (error && error.status === 401) {
          status.textContent = "登录已过期，重新登录后版面将再次显示。";
          window.Session.retryWhenBack(pages, drawPages);
          return;
        }
        // 503: every PDF render slot of the server stayed taken (apps/exports/rendering.py).
        status.textContent =
          error && error.status === 503
            ? "导出繁忙，请稍后重试（版面稍后可再次显示）。"
            : "版面未能显示（" + (error && error.message ? error.message : error) + "），可点击“导出 PDF”查看。";
      })
      .finally(() => {
        pages.removeAttribute("aria-busy");
        drawing = null;
      });
    return drawing;
  }

  async function render() {
    const pdfjs = await import(pages.dataset.pdfjs);
    pdfjs.GlobalWorkerOptions.workerSrc = pages.dataset.pdfjsWorker;
    // Marked as a script's request, so that an expired session is a 401 here, not the login page's HTML.
    const pdf = await pdfjs.getDocument({
      url: pages.dataset.pdfUrl,
      withCredentials: true,
      httpHeaders: { "X-Requested-With": "XMLHttpRequest" },
    }).promise;
    const width = Math.min(pages.clientWidth || 794, 794); // at most A4 at 96 dpi
    const ratio = window.devicePixelRatio || 1;
    const figures = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
      const canvas = document.createElement("canvas");
      canvas.width = Math.floor(viewport.width * ratio);
      canvas.height = Math.floor(viewport.height * ratio);
      canvas.style.width = Math.floor(viewport.width) + "px";
      canvas.style.height = Math.floor(viewport.height) + "px";
      canvas.setAttribute("role", "img");
      canvas.setAttribute("aria-label", `第${number}页`);
      await page.render({
        canvasContext: canvas.getContext("2d"),
        viewport,
        transform: ratio !== 1 ? [ratio, 0, 0, ratio, 0, 0] : null,
      }).promise;
      const figure = document.createElement("figure");
      figure.className = "pdf-page";
      figure.dataset.page = number;
      const caption = document.createElement("figcaption");
      caption.className = "small text-body-secondary text-center";
      caption.textContent = `第 ${number} 页 / 共 ${pdf.numPages} 页`;
      figure.append(canvas, caption);
      figures.push(figure);
    }
    pages.replaceChildren(...figures);
    status.textContent = `按导出的 PDF 排版，共 ${pdf.numPages} 页（每页 22 行、每行 28 字）。`;
    pdf.destroy();
    window.Session.back();
  }
})();
