/* Downloads that may take a few seconds (a long 整改台账 as PDF): the button says 正在生成… with a
 * spinner until the file arrives, then the browser saves it under the server's Chinese file name;
 * a failure is said beside the button instead of leaving a blank tab. Links keep working without
 * this script (a plain download). */
(function () {
  "use strict";

  function fileName(disposition, fallback) {
    const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition || "");
    if (encoded) return decodeURIComponent(encoded[1]);
    const plain = /filename="?([^";]+)"?/i.exec(disposition || "");
    return plain ? plain[1] : fallback;
  }

  function say(link, text) {
    let note = link.parentElement.parentElement.querySelector("[data-download-message]");
    if (!note) {
      note = document.createElement("div");
      note.className = "small text-danger mt-1";
      note.setAttribute("role", "alert");
      note.dataset.downloadMessage = "";
      link.parentElement.after(note);
    }
    note.textContent = text;
  }

  function busy(link, on) {
    if (on) {
      link.dataset.label = link.innerHTML;
      link.classList.add("disabled");
      link.setAttribute("aria-disabled", "true");
      link.innerHTML = '<span class="spinner-border spinner-border-sm" aria-hidden="true"></span> 正在生成…';
    } else {
      link.innerHTML = link.dataset.label;
      link.classList.remove("disabled");
      link.removeAttribute("aria-disabled");
    }
  }

  async function download(link) {
    busy(link, true);
    say(link, "");
    try {
      const response = await window.Session.fetch(link.href, { headers: { Accept: "*/*" } });
      if (window.Session.isExpired(response)) {
        // Not the login page saved under the file's name: the file comes once the user is back.
        say(link, "登录已过期：重新登录后会自动继续导出。");
        window.Session.retryWhenBack(link, () => download(link));
        return;
      }
      if (!response.ok) {
        say(link, response.status === 404 ? "没有找到要导出的内容，请刷新页面后重试。" : "导出失败，请稍后重试。");
        return;
      }
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const save = document.createElement("a");
      save.href = url;
      save.download = fileName(response.headers.get("Content-Disposition"), "整改台账");
      document.body.append(save);
      save.click();
      save.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (error) {
      say(link, "导出失败：网络连接中断，请稍后重试。");
    } finally {
      busy(link, false);
    }
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-export]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    if (!link.classList.contains("disabled")) download(link);
  });
})();
