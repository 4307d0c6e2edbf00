// The « Copier les crédits » button: shown only when the clipboard can be used;
// without it the credits stay readable and selectable in their text field.
(function () {
  "use strict";
  if (!navigator.clipboard) { return; }
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = document.getElementById("credits-copie");
    if (!source) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(
        function () { if (status) { status.textContent = "Crédits copiés dans le presse-papiers."; } },
        function () { if (status) { status.textContent = "La copie a échoué : sélectionnez le texte ci-dessus."; } }
      );
    });
  });
})();
