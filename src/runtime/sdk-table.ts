// Segment's preinstalled heavy SDKs (segment-runtime.md §7.2, §7.3) and their access paths. fnsync does not ship
// them: each path is a lazy getter that loads the package from the user's project on first use, or fails that
// invocation with the exact `npm install` to run.
import type { FunctionType } from '../config/types.js';

/** One SDK: where function code reaches it, the npm package and Segment's pinned version. */
export interface SdkEntry {
  path: string; // e.g. 'AWS', 'google.cloud.bigquery', 'hubspotlib.hubspot'
  pkg: string;
  version?: string;
}

/** Available to every function kind. */
export const SDKS: SdkEntry[] = [
  { path: 'AWS', pkg: 'aws-sdk', version: '2.488.0' },
  { path: 'fetchretrylib.fetchretry', pkg: 'fetch-retry' },
  { path: 'google.cloud.automl', pkg: '@google-cloud/automl', version: '2.2.0' },
  { path: 'google.cloud.bigquery', pkg: '@google-cloud/bigquery', version: '5.3.0' },
  { path: 'google.cloud.datastore', pkg: '@google-cloud/datastore', version: '6.2.0' },
  { path: 'google.cloud.firestore', pkg: '@google-cloud/firestore', version: '4.4.0' },
  { path: 'google.cloud.functions', pkg: '@google-cloud/functions', version: '1.1.0' },
  { path: 'google.cloud.pubsub', pkg: '@google-cloud/pubsub', version: '2.6.0' },
  { path: 'google.cloud.storage', pkg: '@google-cloud/storage', version: '5.3.0' },
  { path: 'google.cloud.tasks', pkg: '@google-cloud/tasks', version: '2.6.0' },
  { path: 'hubspotlib.hubspot', pkg: '@hubspot/api-client' },
  { path: 'jsforce', pkg: 'jsforce', version: '1.11.0' },
  { path: 'libphonenumberjslib.libphonenumberjs', pkg: 'libphonenumber-js' },
  { path: 'mailchimplib.mailchimp', pkg: '@mailchimp/mailchimp_marketing' },
  { path: 'nodemailjet.nodemailjet', pkg: 'node-mailjet' },
  { path: 'sendgrid.client', pkg: '@sendgrid/client', version: '7.4.7' },
  { path: 'sendgrid.mail', pkg: '@sendgrid/mail', version: '7.4.7' },
  { path: 'skyflowlib.skyflow', pkg: 'skyflow-node' },
  { path: 'stripe', pkg: 'stripe', version: '8.115.0' },
  { path: 'twilio', pkg: 'twilio', version: '3.68.0' },
  { path: 'winstonlib.winston', pkg: 'winston', version: '2.4.6' },
];

/** Extra packages documented for source insert functions only (SIF). */
export const SOURCE_INSERT_SDKS: SdkEntry[] = [
  { path: 'azure.identity', pkg: '@azure/identity' },
  { path: 'azure.eventHubs', pkg: '@azure/event-hubs' },
  { path: 'azure.synapse', pkg: '@azure/synapse' },
  { path: 'jsftp', pkg: 'jsftp' },
  { path: 'cryptojslib.cryptojs', pkg: 'crypto-js' },
  { path: 'akeylessLabs.akeyless', pkg: 'akeyless' },
  { path: 'akeylessLabs.akeylessCloudId', pkg: 'akeyless-cloud-id' },
  { path: 'oneSignal.oneSignal', pkg: '@onesignal/node-onesignal' },
  { path: 'pg.pg', pkg: 'pg' },
  { path: 'snowflakesdk.snowflakesdk', pkg: 'snowflake-sdk' },
  { path: 'clickHouseClient.clickHouseClient', pkg: '@clickhouse/client' },
  { path: 'aws4.aws4', pkg: 'aws4' },
  { path: 'sentrylib.sentry', pkg: '@sentry/node' },
];

/** The SDK entries a function of this kind can reach. */
export function sdksFor(type: FunctionType): SdkEntry[] {
  return type === 'insert-source' ? [...SDKS, ...SOURCE_INSERT_SDKS] : SDKS;
}

/** The message a function gets when it touches an SDK that is not installed. */
export function missingSdkMessage(entry: SdkEntry): string {
  const spec = entry.version ? `${entry.pkg}@${entry.version}` : entry.pkg;
  return `${entry.path} requires ${spec}: run npm install ${spec}`;
}
