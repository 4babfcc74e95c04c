/** The fields' names in Korean: the form's labels, and the subject of its problem texts (ko.ts). */
export const koFields: Record<string, string> = {
  provider: '결제사',
  amount: '금액',
  goodsName: '상품명',
  orderId: '주문번호',
  'customer.name': '고객 이름',
  'customer.phone': '고객 휴대폰 번호',
  'customer.email': '고객 이메일',
  delivery: '전달 방법',
  message: '안내 문구',
  expiresAt: '만료 시각',
};
