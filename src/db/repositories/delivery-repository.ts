import { EntityManager } from 'typeorm';
import { Delivery } from '../../entities/delivery';

/** What a send changes on its record after it is created. */
export type DeliveryProgress = Pick<Delivery, 'messageId' | 'subject' | 'status' | 'attempts' | 'error' | 'updatedAt'>;

export class DeliveryRepository {
  constructor(
    private readonly manager: EntityManager,
    /** Hears the id of every delivery this transaction records or updates. */
    private readonly written: (id: string) => void = () => undefined,
  ) {}

  byId(id: string): Promise<Delivery | null> {
    return this.manager.findOne(Delivery, { where: { id } });
  }

  /** Newest first. */
  newest(first: number): Promise<Delivery[]> {
    return this.manager.find(Delivery, { order: { createdAt: 'DESC', id: 'DESC' }, take: first });
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
