import type { App } from '../../src/main.ts';

/**
 * Up to five unrelated Huawei stories published an hour before `at`; with `outlet`, the same stories as
 * another outlet reports them (they join the earlier stories). Returns their titles.
 */
export async function addHuaweiStories(
  app: Pick<App, 'core'>,
  at: Date,
  options: { count?: number; outlet?: string } = {},
): Promise<string[]> {
  const subjects = [
    [
      'Germany fines Huawei over a 5G tender',
      'Berlin regulators imposed a penalty of four million euros on the telecom supplier.',
    ],
    [
      'Huawei wins Brazilian satellite contract',
      'The ground station deal covers twelve towns in the Amazon basin and runs ten years.',
    ],
    [
      'Senate hearing questions Huawei chip imports',
      'Lawmakers asked the commerce secretary about smuggled processors found in laptops.',
    ],
    [
      'Huawei opens Nairobi cloud data centre',
      'Kenyan ministers praised the facility while privacy advocates warned about surveillance.',
    ],
    [
      'Court dismisses Huawei patent suit against Nokia',
      'The Munich judges found no infringement of the video codec claims in the phones.',
    ],
  ];
  const titles: string[] = [];
  for (const [index, [title, lede]] of subjects.slice(0, options.count ?? subjects.length).entries()) {
    titles.push(title!);
    await app.core.writer.save({
      url: `https://${options.outlet ?? `outlet${index}`}.example/huawei-${index}`,
      title: title!,
      source: options.outlet ?? `Outlet ${index}`,
      publishedAt: new Date(at.getTime() - 3_600_000).toISOString(),
      text: `${lede} ${title}. ${lede}`.repeat(3),
    });
  }
  return titles;
}
