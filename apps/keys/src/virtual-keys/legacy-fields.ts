/**
 * A virtual key's legacy fields (reference §2.6) as its private integration's configurations:
 * `resourceName` → `azure_resource_name`, `deploymentConfig[]` → `azure_deployment_config[]` …,
 * over `base` and any `configurations` given. `null` removes a field.
 */
export function legacyConfigurations(body: Record<string, unknown>, base: Record<string, unknown> = {}): Record<string, unknown> | undefined {
  const pick = (snake: string, camel: string) => (body[snake] !== undefined ? body[snake] : body[camel]);
  const out: Record<string, unknown> = { ...base, ...((body.configurations as Record<string, unknown> | undefined) ?? {}) };
  const mapped: Record<string, unknown> = {
    azure_resource_name: pick('resource_name', 'resourceName'),
    azure_deployment_name: pick('deployment_name', 'deploymentName'),
    azure_api_version: pick('api_version', 'apiVersion'),
    custom_host: body.custom_host,
  };
  const deployments = pick('deployment_config', 'deploymentConfig') as Array<Record<string, unknown>> | null | undefined;
  if (deployments === null) mapped.azure_deployment_config = null;
  else if (deployments !== undefined) {
    mapped.azure_deployment_config = deployments.map((d) => ({
      azure_api_version: d.api_version ?? d.apiVersion,
      azure_deployment_name: d.deployment_name ?? d.deploymentName,
      ...(d.alias !== undefined ? { alias: d.alias } : {}),
      ...(d.is_default !== undefined ? { is_default: d.is_default } : {}),
    }));
  }
  let touched = body.configurations !== undefined;
  for (const [field, value] of Object.entries(mapped)) {
    if (value === undefined) continue;
    touched = true;
    if (value === null) delete out[field];
    else out[field] = value;
  }
  return touched ? out : undefined;
}
