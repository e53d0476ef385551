// Destination insert function: masks personal data before events reach the destination.

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;

function maskEmail(value) {
  return value.replace(EMAIL, (email) => {
    const [local, domain] = email.split('@');
    return `${local[0]}***@${domain}`;
  });
}

function maskObject(obj, fields) {
  if (!obj) return obj;
  const out = {};
  for (const [key, value] of Object.entries(obj)) {
    if (fields.includes(key)) out[key] = '[redacted]';
    else if (typeof value === 'string') out[key] = maskEmail(value);
    else out[key] = value;
  }
  return out;
}

function redactedFields(settings) {
  return (settings && settings.redactFields) || ['phone', 'address', 'ssn'];
}

async function onTrack(event, settings) {
  if (event.properties && event.properties.internal === true) {
    throw new DropEvent('internal test event');
  }
  return { ...event, properties: maskObject(event.properties, redactedFields(settings)) };
}

async function onIdentify(event, settings) {
  return { ...event, traits: maskObject(event.traits, redactedFields(settings)) };
}

async function onPage(event, settings) {
  return { ...event, properties: maskObject(event.properties, redactedFields(settings)) };
}

async function onBatch(events, settings) {
  return events.map((event) => {
    if (event.type === 'identify') return { ...event, traits: maskObject(event.traits, redactedFields(settings)) };
    return { ...event, properties: maskObject(event.properties, redactedFields(settings)) };
  });
}
