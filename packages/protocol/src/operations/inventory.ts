/** What runs where: every customer's version (IV-01..IV-05). */
import { defineOperation } from '../operation.ts';
import { InventoryAnswer, InventoryQuery } from '../schemas/inventory.ts';

export const inventoryOperations = {
  inventory: defineOperation({
    id: 'getInventory',
    method: 'GET',
    path: '/api/inventory',
    access: 'signed-in',
    tag: 'Inventory',
    summary:
      'Every active customer with the version it runs, hotfixes on top, the version in progress and how far, and how many releases it is behind the newest',
    query: InventoryQuery,
    answers: { 200: { description: 'A page of the inventory', schema: InventoryAnswer } },
  }),
};
