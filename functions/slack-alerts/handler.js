// Destination function: posts a Slack message for high-value orders and new signups.

async function onTrack(event, settings) {
  const revenue = (event.properties && event.properties.revenue) || 0;
  if (event.event === 'Order Completed' && revenue < (Number(settings.minimumRevenue) || 0)) {
    return; // below the threshold: nothing to say
  }
  await postToSlack(settings, `:moneybag: ${event.event} by ${event.userId || event.anonymousId}: ${revenue}`);
}

async function onIdentify(event, settings) {
  if (!event.traits || !event.traits.email) {
    throw new InvalidEventPayload('identify without traits.email');
  }
  await postToSlack(settings, `:wave: New user ${event.traits.email}`);
}

async function postToSlack(settings, text) {
  let response;
  try {
    response = await fetch(settings.webhookUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text, channel: settings.channel }),
    });
  } catch (error) {
    // Network errors are transient: ask Segment to retry.
    throw new RetryError(error.message);
  }
  if (response.status >= 500 || response.status === 429) {
    throw new RetryError(`Slack answered ${response.status}`);
  }
  if (!response.ok) {
    throw new Error(`Slack rejected the message: ${response.status}`);
  }
}
