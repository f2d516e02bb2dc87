// The timeline's inputs (web/timeline/): drawn by the page's one form renderer
// (web/calculator/form.mjs) from the build's export (formspec.json, `timeline`: fields,
// groups, labels, help, limits, options, examples), so they look and behave like the
// profile's fields: dates are text boxes that keep what is typed with the date picker
// beside them, and a bad value gets the engine's message at its field. Values are kept on
// the device like the other inputs (shared/storage.mjs, removed by "clear saved data").

import { renderForm } from '../calculator/form.mjs';
import { loadTimeline, saveTimeline } from '../shared/storage.mjs';

/** Draw the fields into `root`; `onChange()` after every edit. Returns {values(), showErrors(errors), set(values)}. */
export function renderTimelineForm(spec, root, onChange) {
  // Every message shows at once here: all these fields are optional, so a message is
  // always about something the user typed (or a date the answer needs, which it names).
  const form = renderForm(spec, root, {
    prefix: 'tl-',
    quiet: false,
    onChange: () => { saveTimeline(form.getProfile()); onChange(); },
  });
  form.setProfile(loadTimeline(), { notify: false });

  return {
    /** The request's `timeline`: what is typed, as typed (the engine validates). */
    values: () => form.getProfile(),
    /** Show the messages about these fields; returns the names of the fields they are about. */
    showErrors: (errors) => form.showErrors(errors.filter((e) => e.field)),
    /** Put `values` in the fields (a share link's), through the renderer's own restore (a
     * grade picks the grade of the birth-date-or-grade choice), without saving them. */
    set: (values) => form.setProfile(values, { notify: false }),
  };
}
