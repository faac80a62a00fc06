// The comment form's small helps, served as a file so that the
// Content-Security-Policy needs no inline script. The page works without it.
(function () {
  "use strict";
  // A post sent back with errors: take the reader to the summary of what to mend.
  var summary = document.getElementById("error-summary");
  if (summary) summary.focus();

  // Fill the name and email from the cookie the reader chose to keep
  // ("Remember my name and email").
  var match = document.cookie.match(/(?:^|; )nr_commenter=([^;]*)/);
  if (!match) return;
  try {
    var saved = JSON.parse(decodeURIComponent(match[1]));
    document.querySelectorAll(".comment-form").forEach(function (form) {
      var fields = form.elements;
      var name = fields.namedItem("name"), email = fields.namedItem("email");
      var remember = fields.namedItem("remember");
      if (!name || !email) return;
      if (!name.value) name.value = saved.name || "";
      if (!email.value) email.value = saved.email || "";
      if (remember) remember.checked = true;
    });
  } catch (e) {}
})();
