import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo-2026!';

/** Signs in; for the right password waits until the workspace has loaded. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto('/signin');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  // Hashing the password and rendering the landing page take seconds when both servers are busy.
  if (password === DEMO_PASSWORD) await expect(page).toHaveURL(/\/workspace\//, { timeout: 20_000 });
}

export async function signOut(page: Page) {
  await page.getByTestId('sign-out').click();
  await expect(page.getByRole('link', { name: '登录' })).toBeVisible();
}
