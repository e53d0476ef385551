// Source function: turns Stripe webhooks into Segment events.
// Stripe signs each webhook; we verify the signature with the signing secret before trusting the body.

async function onRequest(request, settings) {
  const body = request.json();
  const signature = request.headers.get('Stripe-Signature');
  if (settings.verifySignatures !== false) {
    verifySignature(request.text(), signature, settings.signingSecret);
  }

  if (!body || typeof body.type !== 'string' || !body.data || !body.data.object) {
    throw new InvalidEventPayload('not a Stripe event: missing type or data.object');
  }

  const object = body.data.object;
  const userId = object.customer || (object.metadata && object.metadata.userId);
  if (!userId) {
    throw new ValidationError(`Stripe event ${body.id} has no customer`);
  }

  switch (body.type) {
    case 'customer.created':
    case 'customer.updated':
      Segment.identify({
        userId: object.id,
        traits: { email: object.email, name: object.name, createdAt: new Date(object.created * 1000).toISOString() },
      });
      break;
    case 'charge.succeeded':
      Segment.track({
        event: 'Order Completed',
        userId,
        properties: { orderId: object.id, revenue: object.amount / 100, currency: (object.currency || 'usd').toUpperCase() },
      });
      break;
    case 'charge.refunded':
      Segment.track({
        event: 'Order Refunded',
        userId,
        properties: { orderId: object.id, revenue: -(object.amount_refunded || 0) / 100 },
      });
      break;
    case 'customer.subscription.created':
      Segment.track({ event: 'Subscription Started', userId, properties: { plan: object.plan && object.plan.id } });
      Segment.set({ collection: 'subscriptions', id: object.id, properties: { status: object.status, customer: userId } });
      break;
    default:
      throw new EventNotSupported(`${body.type} is not handled`);
  }
}

// Stripe-Signature: t=<timestamp>,v1=<hex hmac-sha256 of "<timestamp>.<raw body>">
function verifySignature(rawBody, header, secret) {
  if (!header) throw new ValidationError('missing Stripe-Signature header');
  const parts = Object.fromEntries(header.split(',').map((kv) => kv.split('=')));
  const expected = crypto.createHmac('sha256', secret).update(`${parts.t}.${rawBody}`).digest('hex');
  if (parts.v1 !== expected) throw new ValidationError('Stripe signature does not match');
}
