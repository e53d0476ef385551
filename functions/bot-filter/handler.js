// Source insert function: drops traffic from known bots and tags the rest with a traffic class.

function isBot(event, patterns) {
  const agent = (event.context && event.context.userAgent) || '';
  return patterns.some((p) => agent.toLowerCase().includes(p.toLowerCase()));
}

async function onTrack(event, settings) {
  const patterns = settings.botPatterns || ['bot', 'crawler', 'spider'];
  if (isBot(event, patterns)) throw new DropEvent('bot traffic');
  return { ...event, context: { ...event.context, trafficClass: 'human' } };
}

async function onPage(event, settings) {
  return onTrack(event, settings);
}
