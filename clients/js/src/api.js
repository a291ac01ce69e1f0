// The REST calls of docs/openapi.yaml, each built as a plain Request and handed to `send`: the
// Transport (sent now, answers the parsed JSON) or the MutationQueue (kept, replayed in order).

const e = encodeURIComponent;

/**
 * @template T
 * @param {(request: import('./http.js').Request, options?: import('./http.js').SendOptions) => Promise<T>} send
 */
export function defineApi(send) {
  const get = (path, query) => send({ method: 'GET', path, query });
  const post = (path, body, options) => send({ method: 'POST', path, body }, options);
  const put = (path, body, options) => send({ method: 'PUT', path, body }, options);
  const del = (path, options) => send({ method: 'DELETE', path }, options);
  const event = (id) => `/api/v1/events/${e(id)}`;

  /** The directory of sponsors, designers or venues (shared by every signed-in user). */
  const directory = (kind) => ({
    list: (query) => get(`/api/v1/${kind}`, query),
    get: (id) => get(`/api/v1/${kind}/${e(id)}`),
    create: (body, options) => post(`/api/v1/${kind}`, body, options),
    update: (id, body, options) => put(`/api/v1/${kind}/${e(id)}`, body, options),
    delete: (id, options) => del(`/api/v1/${kind}/${e(id)}`, options),
  });

  /** An event's links to the sponsor or designer directory. */
  const links = (kind) => ({
    list: (eventId) => get(`${event(eventId)}/${kind}`),
    add: (eventId, body, options) => post(`${event(eventId)}/${kind}`, body, options),
    update: (eventId, id, body, options) => put(`${event(eventId)}/${kind}/${e(id)}`, body, options),
    remove: (eventId, id, options) => del(`${event(eventId)}/${kind}/${e(id)}`, options),
  });

  return {
    events: {
      /** @param {{status?: string, type?: string, page?: number, limit?: number, q?: string, include_archived?: boolean, sort?: string, order?: 'asc'|'desc'}} [query] */
      list: (query) => get('/api/v1/events', query),
      get: (id) => get(event(id)),
      create: (body, options) => post('/api/v1/events', body, options),
      update: (id, body, options) => put(event(id), body, options),
      /** Archives (soft delete); `restore` brings it back. */
      archive: (id, options) => del(event(id), options),
      restore: (id, options) => post(`${event(id)}/restore`, undefined, options),
      /** The polling fallback: frames after `since` (docs/realtime.md). */
      changes: (id, query) => get(`${event(id)}/changes`, query),
    },
    team: {
      list: (eventId) => get(`${event(eventId)}/team`),
      /** By `user_id` (a member at once) or by `email` (an invitation). */
      add: (eventId, body, options) => post(`${event(eventId)}/team`, body, options),
      update: (eventId, userId, body, options) => put(`${event(eventId)}/team/${e(userId)}`, body, options),
      remove: (eventId, userId, options) => del(`${event(eventId)}/team/${e(userId)}`, options),
      invitations: (eventId) => get(`${event(eventId)}/invitations`),
      revokeInvitation: (eventId, invitationId, options) => del(`${event(eventId)}/invitations/${e(invitationId)}`, options),
      acceptInvitation: (token, options) => post('/api/v1/invitations/accept', { token }, options),
    },
    sponsors: links('sponsors'),
    designers: links('designers'),
    directory: { sponsors: directory('sponsors'), designers: directory('designers'), venues: directory('venues') },
    tasks: {
      list: (eventId, query) => get(`${event(eventId)}/tasks`, query),
      get: (eventId, taskId) => get(`${event(eventId)}/tasks/${e(taskId)}`),
      create: (eventId, body, options) => post(`${event(eventId)}/tasks`, body, options),
      update: (eventId, taskId, body, options) => put(`${event(eventId)}/tasks/${e(taskId)}`, body, options),
      /** Cancels the task (kept for history). */
      delete: (eventId, taskId, options) => del(`${event(eventId)}/tasks/${e(taskId)}`, options),
      progress: (eventId) => get(`${event(eventId)}/tasks/progress`),
      mine: (query) => get('/api/v1/me/tasks', query),
    },
    budget: {
      get: (eventId) => get(`${event(eventId)}/budget`),
      setCategory: (eventId, category, budgetedAmount, options) =>
        put(`${event(eventId)}/budget/categories/${e(category)}`, { budgeted_amount: budgetedAmount }, options),
      reallocations: (eventId) => get(`${event(eventId)}/budget/reallocations`),
      /** @param {{from: string, to: string, amount: string|number, reason?: string}} body */
      reallocate: (eventId, body, options) => post(`${event(eventId)}/budget/reallocations`, body, options),
    },
    expenses: {
      list: (eventId, query) => get(`${event(eventId)}/expenses`, query),
      get: (eventId, expenseId) => get(`${event(eventId)}/expenses/${e(expenseId)}`),
      create: (eventId, body, options) => post(`${event(eventId)}/expenses`, body, options),
      update: (eventId, expenseId, body, options) => put(`${event(eventId)}/expenses/${e(expenseId)}`, body, options),
      delete: (eventId, expenseId, options) => del(`${event(eventId)}/expenses/${e(expenseId)}`, options),
    },
    files: {
      /**
       * @param {string} eventId
       * @param {{data: Blob|Uint8Array|ArrayBuffer|string, fileName: string, contentType?: string}} file
       * @param {{bucket: 'event-images'|'event-documents'|'event-media'} & import('./http.js').SendOptions} options
       */
      upload: (eventId, file, { bucket, ...options }) =>
        send({ method: 'POST', path: `${event(eventId)}/files`, query: { bucket }, upload: file }, options),
      list: (eventId, query) => get(`${event(eventId)}/files`, query),
      get: (eventId, fileId, query) => get(`${event(eventId)}/files/${e(fileId)}`, query),
      delete: (eventId, fileId, options) => del(`${event(eventId)}/files/${e(fileId)}`, options),
      settings: (eventId, body, options) => put(`${event(eventId)}/files/settings`, body, options),
    },
    contracts: {
      list: (eventId, query) => get(`${event(eventId)}/contracts`, query),
      get: (eventId, contractId) => get(`${event(eventId)}/contracts/${e(contractId)}`),
      create: (eventId, body, options) => post(`${event(eventId)}/contracts`, body, options),
      update: (eventId, contractId, body, options) => put(`${event(eventId)}/contracts/${e(contractId)}`, body, options),
      delete: (eventId, contractId, options) => del(`${event(eventId)}/contracts/${e(contractId)}`, options),
    },
    activity: {
      /** @param {{before?: string, limit?: number}} [query] pass `next_before` as `before` for the next page */
      list: (eventId, query) => get(`${event(eventId)}/activity`, query),
    },
    notifications: {
      /** @param {{unread?: boolean, limit?: number, before?: string}} [query] */
      list: (query) => get('/api/v1/me/notifications', query),
      markRead: (id, options) => post(`/api/v1/me/notifications/${e(id)}/read`, undefined, options),
      markAllRead: (options) => post('/api/v1/me/notifications/read', undefined, options),
    },
  };
}
