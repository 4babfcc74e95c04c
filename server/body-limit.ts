/**
 * The most a request body to the API may hold. A link request is under 2 KB;
 * sixteen leave room and refuse floods before they are parsed. The built-in
 * emulators take no more either.
 */
export const API_BODY_LIMIT_BYTES = 16 * 1024;
