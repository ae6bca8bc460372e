// Small touches only; every page works without JavaScript.
// Hovering a map point or a timeline mark lights up the same event in the other figure.
document.addEventListener("mouseover", (ev) => {
  const a = ev.target.closest("a.point, a.mark");
  document.querySelectorAll(".lit").forEach((el) => el.classList.remove("lit"));
  if (!a) return;
  document.querySelectorAll(`a[data-id="${CSS.escape(a.dataset.id)}"]`).forEach((el) => el.classList.add("lit"));
});
// Arriving at an article with #s-… (from the map): mark that event's sentence.
function markTarget() {
  document.querySelectorAll(".target").forEach((el) => el.classList.remove("target"));
  const id = decodeURIComponent(location.hash.slice(1));
  const el = id && document.getElementById(id);
  if (el) { el.classList.add("target"); el.scrollIntoView({block: "center"}); }
}
window.addEventListener("hashchange", markTarget);
document.addEventListener("DOMContentLoaded", markTarget);
