// Progressive enhancement: send the upload form with XMLHttpRequest to show progress. Without
// JavaScript the form posts normally and the server answers with the same page or a redirect.
(function () {
  "use strict";
  var form = document.querySelector("form[data-upload-progress]");
  if (!form || !window.XMLHttpRequest || !window.FormData) { return; }
  var box = form.querySelector(".upload-progress");
  var bar = form.querySelector("progress");
  var text = form.querySelector("[data-progress-text]");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", form.action || window.location.href);
    request.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    box.hidden = false;
    request.upload.addEventListener("progress", function (progress) {
      if (progress.lengthComputable) {
        var percent = Math.round(progress.loaded / progress.total * 100);
        bar.value = percent;
        text.textContent = percent + " %";
      }
    });
    request.addEventListener("load", function () {
      var answer = {};
      try { answer = JSON.parse(request.responseText); } catch (error) { answer = {}; }
      if (request.status === 200 && answer.location) { window.location.assign(answer.location); return; }
      form.querySelectorAll("[data-errors-for]").forEach(function (holder) { holder.textContent = ""; });
      var errors = answer.errors || {"__all__": [request.statusText || "Error"]};
      Object.keys(errors).forEach(function (name) {
        var holder = form.querySelector('[data-errors-for="' + name + '"]') || form.querySelector("[data-errors-for]");
        holder.innerHTML = "";
        var list = document.createElement("ul");
        list.className = "errorlist";
        errors[name].forEach(function (message) {
          var item = document.createElement("li"); item.textContent = message; list.appendChild(item);
        });
        holder.appendChild(list);
      });
      text.textContent = "";
      box.hidden = true;
    });
    request.send(new FormData(form));
  });
})();
