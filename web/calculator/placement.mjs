// Where the result card sits. On a wide screen it is the sticky column beside the form. On a
// phone the form is one long column, and the card under all of it was thousands of pixels
// below the few fields that decide most totals; so there the card follows the form's first
// group (formspec.json's groups[0], the main indicators), and the rest of the form continues
// under it. The card is moved in the DOM, not reordered with CSS, so that reading and tab
// order follow what is seen.
//
// While printing, nothing moves (print.css prints the card wherever it is).

const NARROW = '(max-width: 959.98px)';   // styles.css switches to two columns at 960px

/** Keep #result after the first group of `spec` on narrow screens; returns {place()}. */
export function placeResult(spec, fields = document.getElementById('form-fields')) {
  const card = document.getElementById('result');
  if (!card || !fields || !window.matchMedia) return { place() {} };
  const home = card.parentElement;          // the result column
  const homeNext = card.nextElementSibling;  // the plan, under the card on wide screens
  const first = spec.groups?.[0]?.id;
  const narrow = matchMedia(NARROW);
  const printing = matchMedia('print');

  const anchor = () => (first ? fields.querySelector(`:scope > [data-group="${CSS.escape(first)}"]`) : null);

  function place() {
    if (printing.matches) return;
    const after = narrow.matches ? anchor() : null;
    if (after) {
      if (after.nextElementSibling !== card) after.after(card);
      card.dataset.place = 'inline';
      document.documentElement.dataset.resultPlace = 'inline';   // print.css prints the form's card only
    } else {
      if (card.parentElement !== home) {
        if (homeNext && homeNext.parentElement === home) home.insertBefore(card, homeNext);
        else home.prepend(card);
      }
      card.dataset.place = 'column';
      document.documentElement.dataset.resultPlace = 'column';
    }
  }

  narrow.addEventListener?.('change', place);
  // The form may be drawn again (a language or spec change): the card goes back after the group.
  new MutationObserver(() => {
    if (narrow.matches && !printing.matches && anchor()?.nextElementSibling !== card) place();
  }).observe(fields, { childList: true });
  place();
  return { place };
}
