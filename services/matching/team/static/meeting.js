// Fills in the names and contacts this viewer may see. Matching never holds them: the browser asks
// the profile service, which answers only for candidates who consented to the viewer's
// organisation and logs every lookup. Nothing is written with innerHTML.
(function () {
  "use strict";
  var body = document.body;
  var status = document.getElementById("contact-status");
  var config = JSON.parse(document.getElementById("meeting-config").textContent);
  function done(state, message) {
    body.setAttribute("data-contacts", state);
    if (status) { status.textContent = message; }
  }
  if (!config.candidate_ids.length) { done("loaded", ""); return; }
  fetch(config.profile_url + "/api/v1/contacts/lookup", {
    method: "POST",
    credentials: "include",
    headers: {"Content-Type": "application/json"},
    body: JSON.stringify({candidate_ids: config.candidate_ids, purpose: config.purpose})
  }).then(function (response) {
    if (response.status === 429) {
      // too many look-ups: say when to try again, in words (outside tester 22, R5)
      var seconds = parseInt(response.headers.get("Retry-After") || "", 10);
      var limited = new Error(isNaN(seconds) ? config.messages.limited_later
        : config.messages.limited.replace("%(minutes)s", String(Math.max(1, Math.ceil(seconds / 60)))));
      limited.inWords = true;
      throw limited;
    }
    if (!response.ok) { throw new Error("HTTP " + response.status); }
    return response.json();
  }).then(function (data) {
    data.items.forEach(function (card) {
      document.querySelectorAll('[data-candidate="' + card.candidate_id + '"] .contact').forEach(function (slot) {
        var name = document.createElement("b");
        name.className = "name";
        name.textContent = card.name;
        slot.appendChild(name);
        [card.email, card.phone].forEach(function (value) {
          if (!value) { return; }
          var line = document.createElement("span");
          line.className = "reach";
          line.textContent = value;
          slot.appendChild(line);
        });
        slot.parentNode.classList.add("named");
      });
    });
    done("loaded", " " + config.messages.shown.replace("%(shown)s", data.items.length)
                                                 .replace("%(total)s", config.candidate_ids.length));
  }).catch(function (error) {
    done("failed", " " + (error.inWords ? error.message
                                        : config.messages.failed.replace("%(error)s", error.message)));
  });
})();
