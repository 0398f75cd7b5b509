// The widget builds its DOM with the helpers it shares with the dashboard.
export { append, h, uid } from '../../browser/dom.js';
