// The listing page's own script: a deep link into the help, through the widget's API.
document.getElementById('open-invoice').addEventListener('click', (e) => {
  e.preventDefault();
  window.Stepwise && window.Stepwise.open('invoice', 1);
});
