import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const html = (`<form><label>Name <input name="authorName" autocomplete="name"></label><label>Email <input name="authorEmail" autocomplete="email"></label>
<label>Website <input name="authorUrl" type="url" autocomplete="url"></label>
<div hidden aria-hidden="true" inert><label>Leave this field empty <input type="text" name="homepage" tabindex="-1" autocomplete="off"></label></div>
<label>Address <input name="addr" autocomplete="address-line1"></label><button>Send</button></form>`);
import { createServer } from 'node:http';
const srv = createServer((q, r) => { r.setHeader('content-type','text/html'); r.end('<!doctype html><html><body>' + html + '</body></html>'); });
await new Promise<void>((ok) => srv.listen(0, '127.0.0.1', ok));
await page.goto(`http://127.0.0.1:${(srv.address() as any).port}/`);
await page.click('input[name=authorName]');
await page.waitForTimeout(1500);
const cdp = await page.context().newCDPSession(page);
await cdp.send('DOM.enable');
await cdp.send('Autofill.enable').catch((e) => console.log('enable', e.message));
cdp.on('Autofill.addressFormFilled', (e) => console.log('filled', JSON.stringify(e.filledFields)));
const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'input[name=authorName]' });
const { node } = await cdp.send('DOM.describeNode', { nodeId });
try {
  await cdp.send('Autofill.trigger', { fieldId: node.backendNodeId, address: { fields: [
    { name: 'NAME_FULL', value: 'Salma Idris' }, { name: 'EMAIL_ADDRESS', value: 'salma@example.org' }, { name: 'ADDRESS_HOME_LINE1', value: '1 Main St' }, { name: 'ADDRESS_HOME_CITY', value: 'Cairo' }, { name: 'COMPANY_NAME', value: 'Acme' } ] } });
} catch (e) { console.log('trigger', (e as Error).message); }
await page.waitForTimeout(1000);
console.log(await page.evaluate(() => [...document.querySelectorAll('input')].map((i) => `${i.name}=${i.value}`).join(' ')));
await browser.close(); srv.close();
