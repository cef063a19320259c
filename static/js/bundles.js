/* 导出全部材料 (templates/bundles/detail.html): the progress bar follows the job, polled from its
 * JSON status about once a second, until the zip is ready (the download button appears) or the job
 * failed (the message and the 重试 button appear). Any app server answers the polls: the state is in
 * the database, not in this page. */
(function () {
  "use strict";

  const POLL_MS = 1000;
  const box = document.querySelector("[data-bundle]");
  if (!box) return;
  const bar = box.querySelector("[data-bundle-bar]");
  const progress = box.querySelector("[data-bundle-progress]");
  const text = box.querySelector("[data-bundle-text]");
  const download = box.querySelector("[data-bundle-download]");
  const failed = box.querySelector("[data-bundle-failed]");
  const error = box.querySelector("[data-bundle-error]");
  let misses = 0;

  function show(state) {
    const percent = Math.max(0, Math.min(100, state.percent || 0));
    box.dataset.status = state.status;
    bar.style.width = percent + "%";
    bar.textContent = percent + "%";
    progress.setAttribute("aria-valuenow", String(percent));
    const running = state.status === "queued" || state.status === "running";
    bar.classList.toggle("progress-bar-striped", running);
    bar.classList.toggle("progress-bar-animated", running);
    bar.classList.toggle("bg-success", state.status === "done");
    bar.classList.toggle("bg-danger", state.status === "failed");
    text.textContent = state.label + (state.total ? "：已完成 " + state.done + " / " + state.total + " 个文件" : "");
    if (state.status === "done") {
      download.href = state.download_url;
      download.classList.remove("d-none");
    }
    if (state.status === "failed") {
      error.textContent = state.error || "生成压缩包时出错，请重试。";
      failed.classList.remove("d-none");
    }
    return running;
  }

  function poll() {
    window.Session.fetch(box.dataset.statusUrl)
      .then(function (response) {
        if (response.status === 401) {
          // The job goes on without the page: follow it again once the user is back.
          text.textContent = "登录已过期：重新登录后继续显示进度。";
          window.Session.retryWhenBack(box, poll);
          return null;
        }
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (state) {
        if (!state) return;
        misses = 0;
        if (show(state)) window.setTimeout(poll, POLL_MS);
      })
      .catch(function () {
        // A restarting server or a dropped connection: keep asking, a little slower, and say so.
        misses += 1;
        text.textContent = "暂时无法获取进度，正在重试…";
        window.setTimeout(poll, POLL_MS * Math.min(misses + 1, 10));
      });
  }

  const initial = Number(progress.getAttribute("aria-valuenow")) || 0;
  bar.style.width = initial + "%";
  if (box.dataset.status === "queued" || box.dataset.status === "running") poll();
})();
