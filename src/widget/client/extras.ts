// Entry of the second bundle, /embed-extras.js: what the widget needs only after the first page is
// shown (live updates, the sign-in panel, the report and edit forms) or only after a 428 (the proof-of-work solver). It hands them to the main
// bundle through one global, which extras-loader.ts reads; it registers no plugin of its own.
import { solveChallenge } from './challenge-solver.js';
import { openEditForm } from './edit-form.js';
import { EXTRAS_GLOBAL, type WidgetExtras } from './extras-loader.js';
import { startLive } from './live-stream.js';
import { openReportForm } from './report-form.js';
import { login, signIn } from './sign-in-panel.js';

const extras: WidgetExtras = { startLive, solveChallenge, signIn, login, openReportForm, openEditForm };
(window as unknown as Record<string, WidgetExtras>)[EXTRAS_GLOBAL] = extras;
