// The API's OpenAPI document, kept in the repo (docs/integration-api.json) and served at /v1/openapi.json.
import document from '../../docs/integration-api.json' with { type: 'json' };

export const OPENAPI_DOCUMENT: unknown = document;
