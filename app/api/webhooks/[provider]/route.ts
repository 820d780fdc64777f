import { receiveWebhook } from "@/lib/webhooks/receive";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ provider: string }> };

/**
 * POST /api/webhooks/{didit|beltic|idenfy|bynn}. No session cookie here: the provider's
 * signature is the credential (lib/webhooks/receive.ts).
 */
export async function POST(request: Request, { params }: Context) {
  const { provider } = await params;
  return receiveWebhook(request, provider);
}
