// Keyboard paths of the back office: "/" jumps to the search box (as in most web apps).
document.addEventListener("keydown", function (event) {
  var target = event.target;
  var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT");
  if (event.key === "/" && !typing) {
    var search = document.getElementById("search");
    if (search) { event.preventDefault(); search.focus(); search.select(); }
  }
});
