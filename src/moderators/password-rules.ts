// Kept free of imports: the dashboard bundle checks the same rule in the browser before sending.

/** Passwords shorter than this are refused everywhere an account is made (CLI, API, first-run page). */
export const MIN_PASSWORD_LENGTH = 12;
