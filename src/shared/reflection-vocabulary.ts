/** Zod-free constants of the reflection session, for the lean respondent page (src/web/reflect) and the server. */
export const REFLECTION_TOKEN_HEADER = 'x-reflection-token';
/** The address of the respondent page: /r#<token> (the token in the fragment, never sent in a URL). */
export const REFLECTION_PAGE = '/r';
