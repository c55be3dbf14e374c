import { Answer, request } from '@lilux/api/testing';

/**
 * A market buy with a stop-loss and take-profit `distance` either side of the price: the next ticks trigger
 * one leg. The price can move between reading it and placing the order, past a leg, which the API rightly
 * refuses (400 on sl or tp): then it tries again at the new price.
 */
export async function buyWithBracketAroundPrice(baseUrl: string, token: string, distance: number): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    const last = Number((await request(baseUrl, 'GET', '/api/ticker?symbol=BTC/USDT', { token })).body.last);
    const body = { symbol: 'BTC/USDT', side: 'buy', qty: '0.001', sl: (last - distance).toFixed(2), tp: (last + distance).toFixed(2) };
    const answer = await request(baseUrl, 'POST', '/api/orders', { token, body });
    const movedPastALeg = answer.status === 400 && Object.keys(answer.body.fields ?? {}).every((field) => field === 'sl' || field === 'tp');
    if (!movedPastALeg || attempt === 5) return answer;
  }
}
