/**
 * Which fields hold provider credentials. The keys service encrypts these configuration fields
 * (top level of `configurations`) and the gateway redacts every field so named, at any depth,
 * from the request bodies it keeps for the audit log: one list, so the two never disagree.
 */
const SECRET_NAME =
  /^(key|api_?key|secret|password|token|access_?token|refresh_?token|client_?secret|private_?key|credentials?|aws_access_key_id|aws_secret_access_key|aws_session_token)$/i;
/** `azure_entra_client_secret`, `vertex_service_account_json`, `huggingface_api_key` … */
const SECRET_SUFFIX = /_(secret|client_secret|password|token|access_token|session_token|private_key|api_key|secret_key|service_account_json|credentials?)$/i;

export function isSecretFieldName(field: string): boolean {
  return SECRET_NAME.test(field) || SECRET_SUFFIX.test(field);
}

/** A top-level field of an integration's `configurations` that is stored encrypted. */
export function isSecretConfigurationField(field: string): boolean {
  return isSecretFieldName(field);
}
