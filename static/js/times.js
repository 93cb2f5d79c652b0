// Relative times: the server writes every <time datetime> as an absolute UTC time, which stays true in any kept
// rendering and is what readers without JavaScript see; this says "5 minutes ago" instead, with the absolute time
// kept in the title. <time data-time="absolute"> (history tables, logs) keeps its text and gets the relative
// wording as its title instead.
(function () {
  "use strict";
  var MINUTE = 60, HOUR = 60 * MINUTE, DAY = 24 * HOUR;
  // Past this age, a date says more than "7 weeks ago".
  var RELATIVE_UNTIL = 30 * DAY;

  function plural(count, unit) {
    return count + " " + unit + (count === 1 ? "" : "s") + " ago";
  }

  function relative(moment, now) {
    var seconds = Math.floor((now - moment) / 1000);
    if (seconds < MINUTE) return "just now"; // a clock a little ahead of ours counts as now, too
    if (seconds < HOUR) return plural(Math.floor(seconds / MINUTE), "minute");
    if (seconds < DAY) return plural(Math.floor(seconds / HOUR), "hour");
    if (seconds < RELATIVE_UNTIL) return plural(Math.floor(seconds / DAY), "day");
    return moment.toISOString().slice(0, 10);
  }

  function refresh() {
    var now = Date.now();
    var times = document.querySelectorAll("time[datetime]");
    for (var i = 0; i < times.length; i++) {
      var element = times[i];
      var moment = new Date(element.getAttribute("datetime"));
      if (isNaN(moment.getTime())) continue;
      if (!element.hasAttribute("data-absolute-text")) {
        element.setAttribute("data-absolute-text", element.textContent);
      }
      var absolute = element.getAttribute("data-absolute-text");
      var wording = relative(moment, now);
      if (element.getAttribute("data-time") === "absolute") {
        element.title = wording;
      } else {
        element.textContent = wording;
        element.title = absolute;
      }
    }
  }

  refresh();
  setInterval(refresh, 60 * 1000);
})();
