import { EntityManager } from 'typeorm';
import { Delivery } from '../../entities/delivery';
import type { PageKey } from '../../validation/page-cursor';
import { keyBeyond } from './paging';

/** What a send changes on its record after it is created. */
export type DeliveryProgress = Pick<Delivery, 'messageId' | 'subject' | 'status' | 'attempts' | 'error' | 'updatedAt'>;

export interface DeliveryRows {
  deliveries: Delivery[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  totalCount: () => Promise<number>;
}

/** The columns of the list order's key (see PageKey). */
const DELIVERY_ORDER = ['d.created_at', 'd.id'] as const;

export class DeliveryRepository {
  constructor(
    private readonly manager: EntityManager,
    /** Hears the id of every delivery this transaction records or updates. */
    private readonly written: (id: string) => void = () => undefined,
  ) {}

  byId(id: string): Promise<Delivery | null> {
    return this.manager.findOne(Delivery, { where: { id } });
  }

  /** Up to `size` deliveries after the cursor's (createdAt, id), newest first (ties by id, descending). */
  async page(size: number, after: PageKey | null): Promise<DeliveryRows> {
    const page = this.manager.createQueryBuilder(Delivery, 'd');
    if (after !== null) page.where(keyBeyond('<', after, DELIVERY_ORDER, 'a'));
    const rows = await page
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(size + 1)
      .getMany();
    const hasPreviousPage =
      after !== null &&
      (await this.manager
        .createQueryBuilder(Delivery, 'd')
        .select('d.id')
        .where(keyBeyond('>=', after, DELIVERY_ORDER, 'p'))
        .limit(1)
        .getRawOne()) !== undefined;
    return {
      deliveries: rows.slice(0, size),
      hasNextPage: rows.length > size,
      hasPreviousPage,
      totalCount: () => this.manager.count(Delivery),
    };
  }

  byIdempotencyKey(idempotencyKey: string): Promise<Delivery | null> {
    return this.manager.findOne(Delivery, { where: { idempotencyKey } });
  }

  async insert(delivery: Delivery): Promise<void> {
    await this.manager.insert(Delivery, delivery);
    this.written(delivery.id);
  }

  async update(id: string, progress: DeliveryProgress): Promise<void> {
    await this.manager.update(Delivery, { id }, progress);
    this.written(id);
  }
}
