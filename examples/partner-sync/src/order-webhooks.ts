import { verifyWebhook } from '@nexuscommerce/sdk/webhooks';

/** The sales order the partner's ERP books for each NexusCommerce order. */
export interface SalesOrder {
  orderNo: string;
  lines: { itemCode: string; qty: number; amount: string }[];
  total: string;
}

/**
 * The partner's webhook endpoint: verifies the signature (throws when it is not authentic; answer
 * 400 then) and turns `order.created` into a sales order. Other events are acknowledged and ignored.
 */
export async function receiveWebhook(body: string, headers: Record<string, string>, secret: string): Promise<SalesOrder | null> {
  const event = await verifyWebhook({ payload: body, headers, secret });
  if (event.type !== 'order.created') return null;
  const order = event.data;
  return {
    orderNo: order.order_number,
    lines: order.items.map((line) => ({ itemCode: line.sku, qty: line.quantity, amount: line.line_total })),
    total: order.total,
  };
}
