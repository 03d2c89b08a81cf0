import { describe, expect, it } from '@jest/globals';
import { legacyModelConfig } from '#libs/projections';
import { legacyConfigurations } from './legacy-fields.js';

describe('virtual-key legacy fields', () => {
  it('camelCase and snake_case Azure fields land in the integration configurations and read back', () => {
    const camel = legacyConfigurations({ resourceName: 'res', apiVersion: '2024-02-01', deploymentConfig: [{ apiVersion: '2024-02-01', deploymentName: 'gpt4', alias: 'g', is_default: true }] });
    const snake = legacyConfigurations({ resource_name: 'res', api_version: '2024-02-01', deployment_config: [{ api_version: '2024-02-01', deployment_name: 'gpt4', alias: 'g', is_default: true }] });
    expect(camel).toEqual(snake);
    expect(camel).toEqual({
      azure_resource_name: 'res',
      azure_api_version: '2024-02-01',
      azure_deployment_config: [{ azure_api_version: '2024-02-01', azure_deployment_name: 'gpt4', alias: 'g', is_default: true }],
    });
    expect(legacyModelConfig(camel!)).toEqual({ resourceName: 'res', apiVersion: '2024-02-01', deploymentConfig: [{ apiVersion: '2024-02-01', deploymentName: 'gpt4', alias: 'g', is_default: true }] });
  });

  it('nothing legacy given: no configurations change; null removes a field', () => {
    expect(legacyConfigurations({ name: 'x', note: 'y' })).toBeUndefined();
    expect(legacyConfigurations({ custom_host: null }, { custom_host: 'https://h', aws_region: 'eu-west-1' })).toEqual({ aws_region: 'eu-west-1' });
  });
});
