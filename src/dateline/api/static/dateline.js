// Small touches only (the events map is static/map.js).
// Arriving at an article with #s-… (from the map): mark that event's sentence.
function markTarget() {
  document.querySelectorAll(".target").forEach((el) => el.classList.remove("target"));
  const id = decodeURIComponent(location.hash.slice(1));
  const el = id && document.getElementById(id);
  if (el) { el.classList.add("target"); el.scrollIntoView({block: "center"}); }
}
window.addEventListener("hashchange", markTarget);
document.addEventListener("DOMContentLoaded", markTarget);
