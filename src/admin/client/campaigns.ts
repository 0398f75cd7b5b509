import { api, type Campaign } from './api.js';
import { button, h, replace } from './dom.js';
import { report } from './errors.js';
import { num, t, when } from './i18n.js';

/** The recent campaigns panel of the queue view; `reload` redraws it after any bulk change or undo. */
export interface CampaignsPanel {
  element: HTMLElement;
  reload: () => Promise<void>;
}

/**
 * Clusters of near-identical comments posted across threads, each with "mark all as spam": one bulk
 * decision on its members, which `marked` offers to undo like any other bulk action.
 */
export function campaignsPanel(marked: (batch: { updated: number; batchId: string }) => void): CampaignsPanel {
  const list = h('ol', { class: 'campaigns' });
  const row = (campaign: Campaign) =>
    h(
      'li',
      { 'data-campaign': String(campaign.id) },
      h('p', { class: 'sample', dir: 'auto' }, campaign.sample),
      h('p', {}, t('campaigns.figures', { size: num(campaign.size), threads: num(campaign.threadCount), spam: num(campaign.spamCount) })),
      campaign.firstSeenAt && campaign.lastSeenAt ? h('p', {}, t('campaigns.seen', { first: when(campaign.firstSeenAt), last: when(campaign.lastSeenAt) })) : null,
      campaign.spamMarked
        ? h('p', { class: 'marked' }, t('campaigns.marked'))
        : button(t('campaigns.markSpam'), () => markSpam(campaign), { class: 'action spam', 'data-mark-campaign': String(campaign.id) }),
    );
  async function markSpam(campaign: Campaign): Promise<void> {
    try {
      marked(await api.decideMany(campaign.memberIds, 'spam'));
    } catch (error) {
      report(error);
    }
  }
  async function reload(): Promise<void> {
    try {
      const page = await api.campaigns();
      replace(list, ...(page.items.length > 0 ? page.items.map(row) : [h('li', { class: 'empty' }, t('campaigns.none'))]));
      // Opens itself when a campaign still needs a decision; never closes on the moderator.
      if (page.items.some((campaign) => !campaign.spamMarked)) element.open = true;
    } catch (error) {
      report(error);
    }
  }
  const element = h('details', { class: 'campaigns-panel' }, h('summary', {}, t('campaigns.heading')), list);
  return { element, reload };
}
