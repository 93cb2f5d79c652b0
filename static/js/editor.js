// Live preview for the editor: the server renders with the same code as a save, so what you see is what you get.
(function () {
  "use strict";
  var form = document.querySelector(".edit-form");
  var body = document.getElementById("body");
  var preview = document.getElementById("preview");
  if (!form || !body || !preview) return;
  var token = form.querySelector("input[name=csrf_token]");
  var timer = null;
  var latest = 0;

  function refresh() {
    var ticket = ++latest;
    var data = new FormData();
    data.append("body", body.value);
    fetch(preview.dataset.previewUrl, {
      method: "POST",
      body: data,
      headers: { "X-CSRFToken": token ? token.value : "" },
      credentials: "same-origin"
    })
      .then(function (response) { return response.json(); })
      .then(function (result) {
        if (ticket !== latest) return; // an older answer arriving late
        if (result.html !== undefined) {
          preview.innerHTML = result.html; // sanitized on the server by wiki.rendering
        } else if (result.error) {
          preview.textContent = result.error;
        }
      })
      .catch(function () { /* the Preview button still works without this */ });
  }

  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  refresh(); // show the text being edited, rendered, from the start
})();
