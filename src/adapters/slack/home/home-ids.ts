/**
 * The action ids of the Home tab's buttons and the callback ids of the modals they open: the view
 * builders write them and the handlers listen for them, so both read them from here.
 */
export const HOME_ACTIONS = {
  addSource: 'home_add_source',
  addSubscription: 'home_add_subscription',
  removeSource: 'home_remove_source',
  removeSubscription: 'home_remove_subscription',
} as const;

/** The callback ids of the Home tab's modals. */
export const HOME_FORMS = {
  source: 'home_source_form',
  subscription: 'home_subscription_form',
} as const;
